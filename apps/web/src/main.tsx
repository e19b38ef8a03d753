import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { match, usePath } from './router.tsx';
import './styles/base.css';

// Two chunks: candidates never download the dashboard (or Socket.IO), recruiters never the interview page.
const JoinPage = lazy(() => import('./pages/JoinPage.tsx'));
const Dashboard = lazy(() => import('./pages/Dashboard.tsx'));
// signed out: "forgot your password" and "set your password" from a mailed link
const AccountPage = lazy(() => import('./pages/AccountPage.tsx'));

function App() {
  const path = usePath();
  const join = match('/join/:token', path);
  return (
    <Suspense
      fallback={
        <p className="loading-page" role="status">
          Loading…
        </p>
      }
    >
      {join ? (
        <JoinPage token={join['token']!} />
      ) : path === '/set-password' || path === '/forgot-password' ? (
        <AccountPage page={path === '/set-password' ? 'set' : 'forgot'} />
      ) : (
        <Dashboard path={path} />
      )}
    </Suspense>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
