import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage, type Me, type Role, session, setUnauthorizedHandler } from '../api.ts';
import { Link, match, navigate } from '../router.tsx';
import '../styles/dashboard.css';
import { AdverseImpactPage } from './dashboard/AdverseImpactPage.tsx';
import { ApiKeysPage } from './dashboard/ApiKeysPage.tsx';
import { AuditPage } from './dashboard/AuditPage.tsx';
import { BillingPage } from './dashboard/BillingPage.tsx';
import { BrandingPage } from './dashboard/BrandingPage.tsx';
import { InterviewLivePage } from './dashboard/InterviewLivePage.tsx';
import { InterviewsPage } from './dashboard/InterviewsPage.tsx';
import { IntegrationsPage } from './dashboard/integrations/IntegrationsPage.tsx';
import { LoginPage } from './dashboard/LoginPage.tsx';
import { MailPage } from './dashboard/MailPage.tsx';
import { PluginsPage } from './dashboard/PluginsPage.tsx';
import { PositionEditorPage } from './dashboard/PositionEditorPage.tsx';
import { PositionsPage } from './dashboard/PositionsPage.tsx';
import { ReportPage } from './dashboard/ReportPage.tsx';
import { SchedulePage } from './dashboard/SchedulePage.tsx';
import { TeamPage } from './dashboard/TeamPage.tsx';
import { DashboardContext, roleAtLeast } from './dashboard-context.ts';

interface NavItem {
  href: string;
  label: string;
  min: Role;
}

const NAV: NavItem[] = [
  { href: '/interviews', label: 'Interviews', min: 'viewer' },
  { href: '/positions', label: 'Positions', min: 'viewer' },
  { href: '/schedule', label: 'Schedule', min: 'recruiter' },
  { href: '/plugins', label: 'Question banks', min: 'admin' },
  { href: '/team', label: 'Team', min: 'admin' },
  { href: '/api-keys', label: 'API keys', min: 'admin' },
  { href: '/branding', label: 'Branding', min: 'admin' },
  { href: '/adverse-impact', label: 'Adverse impact', min: 'admin' },
  { href: '/audit', label: 'Audit log', min: 'admin' },
  { href: '/mail', label: 'Mail', min: 'admin' },
  { href: '/integrations', label: 'Integrations', min: 'admin' },
  // every member sees the plan; owners and admins the whole account
  { href: '/billing', label: 'Billing', min: 'viewer' },
];

function route(path: string) {
  if (path === '/' || path === '/login') return { page: 'redirect' as const };
  const report = match('/interviews/:id/report', path);
  if (report) return { page: 'report' as const, id: report['id']! };
  const live = match('/interviews/:id', path);
  if (live) return { page: 'live' as const, id: live['id']! };
  if (path === '/positions/new') return { page: 'position' as const, id: null };
  const position = match('/positions/:id', path);
  if (position) return { page: 'position' as const, id: position['id']! };
  const pages = {
    '/interviews': 'interviews',
    '/positions': 'positions',
    '/schedule': 'schedule',
    '/plugins': 'plugins',
    '/team': 'team',
    '/api-keys': 'api-keys',
    '/branding': 'branding',
    '/billing': 'billing',
    '/adverse-impact': 'adverse-impact',
    '/audit': 'audit',
    '/mail': 'mail',
    '/integrations': 'integrations',
  } as const;
  const page = pages[path as keyof typeof pages];
  return page ? { page } : { page: 'not-found' as const };
}

/** The recruiter dashboard: sign-in, then the pages the caller's role allows. */
export default function Dashboard({ path }: { path: string }) {
  const [token, setToken] = useState(() => session.token);
  const [me, setMe] = useState<Me | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const logout = useCallback((reason?: string) => {
    session.token = null;
    setToken(null);
    setMe(null);
    if (reason) sessionStorage.setItem('aii.logoutReason', reason);
    else sessionStorage.removeItem('aii.logoutReason');
    navigate('/login', { replace: true });
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => logout('Your session has ended. Please sign in again.'));
    return () => setUnauthorizedHandler(undefined);
  }, [logout]);

  useEffect(() => {
    if (!token) return;
    let live = true;
    setLoadError(null);
    api.me().then(
      (m) => live && setMe(m),
      (err) => live && setLoadError(err),
    );
    return () => {
      live = false;
    };
  }, [token]);

  const current = route(path);
  useEffect(() => {
    if (token && current.page === 'redirect') navigate('/interviews', { replace: true });
  }, [token, current.page]);

  // Move focus to the new page's heading after in-app navigation (not on the first load).
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = window.setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus(), 0);
    return () => window.clearTimeout(id);
  }, [path]);

  if (!token) {
    return (
      <LoginPage
        onLogin={(t) => {
          session.token = t;
          sessionStorage.removeItem('aii.logoutReason');
          setToken(t);
          if (route(window.location.pathname).page === 'redirect') navigate('/interviews', { replace: true });
        }}
      />
    );
  }

  if (!me) {
    return (
      <div className="app-loading" role="status">
        {loadError ? (
          <>
            <p>{errorMessage(loadError)}</p>
            <button type="button" className="button" onClick={() => logout()}>
              Sign in again
            </button>
          </>
        ) : (
          'Loading…'
        )}
      </div>
    );
  }

  const allowed = NAV.filter((n) => roleAtLeast(me.role, n.min));
  const section = `/${path.split('/')[1] ?? ''}`;

  let page: ReactNode;
  switch (current.page) {
    case 'interviews':
      page = <InterviewsPage />;
      break;
    case 'live':
      page = <InterviewLivePage id={current.id} />;
      break;
    case 'report':
      page = <ReportPage id={current.id} />;
      break;
    case 'positions':
      page = <PositionsPage />;
      break;
    case 'position':
      page = <PositionEditorPage id={current.id} />;
      break;
    case 'schedule':
      page = <SchedulePage />;
      break;
    case 'plugins':
      page = <PluginsPage />;
      break;
    case 'team':
      page = <TeamPage />;
      break;
    case 'api-keys':
      page = <ApiKeysPage />;
      break;
    case 'branding':
      page = <BrandingPage />;
      break;
    case 'billing':
      page = <BillingPage />;
      break;
    case 'adverse-impact':
      page = <AdverseImpactPage />;
      break;
    case 'audit':
      page = <AuditPage />;
      break;
    case 'mail':
      page = <MailPage />;
      break;
    case 'integrations':
      page = <IntegrationsPage />;
      break;
    case 'redirect':
      page = null;
      break;
    default:
      page = (
        <section>
          <h1 tabIndex={-1}>Page not found</h1>
          <p>
            <Link href="/interviews">Go to the interviews</Link>
          </p>
        </section>
      );
  }

  return (
    <DashboardContext.Provider value={{ me, logout }}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link href="/interviews" className="logo">
            AI Interviewer
            <span className="tenant-name">{me.tenant.branding.displayName || me.tenant.name}</span>
          </Link>
          <nav aria-label="Main">
            <ul>
              {allowed.map((n) => (
                <li key={n.href}>
                  <Link href={n.href} aria-current={section === n.href ? 'page' : undefined}>
                    {n.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="account">
            <span className="account-email" title={`Role: ${me.role}`}>
              {me.user?.email ?? 'API key'}
            </span>
            <button type="button" className="button secondary small" onClick={() => logout()}>
              Log out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="content">
        {page}
      </main>
    </DashboardContext.Provider>
  );
}
