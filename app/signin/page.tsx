import type { Metadata } from 'next';
import { SignInForm } from '../../components/signin/SignInForm';

export const metadata: Metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <>
      <h1 tabIndex={-1}>Sign in</h1>
      <SignInForm />
    </>
  );
}
