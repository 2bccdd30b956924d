import { CommitPanel } from '../components/overview/CommitPanel';
import { LastReloadPanel } from '../components/overview/LastReloadPanel';

export default function OverviewPage() {
  return (
    <>
      <h1 tabIndex={-1}>Overview</h1>
      <div className="overview-grid">
        <CommitPanel />
        <LastReloadPanel />
      </div>
    </>
  );
}
