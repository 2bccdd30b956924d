// Who a commit is by: the one shape client, exec and the repository share (a leaf module,
// so the modules that spawn git need not import the repository's types).
export interface Author {
  name: string;
  email: string;
}
