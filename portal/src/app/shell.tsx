import { useEffect, useMemo } from 'react';
import { NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { mayOpen } from '../auth/claims';
import { PurposeContext } from '../api/hub-context';
import { AREAS, allRoutes, PortalRoute } from '../pages';
import { useSession } from './session';

function Guarded({ route }: { route: PortalRoute }) {
  const { person } = useSession();
  useEffect(() => {
    document.title = `${route.title} — Портал КДН и ЗП`;
  }, [route.title]);
  if (!mayOpen(person, route.roles)) {
    return (
      <section>
        <h1>{route.title}</h1>
        <p role="alert" className="notice notice-error">
          Эта страница недоступна для вашей роли.
        </p>
      </section>
    );
  }
  return <PurposeContext.Provider value={route.purpose ?? 'INDIVIDUAL_PREVENTION'}>{route.element}</PurposeContext.Provider>;
}

function Home() {
  const { person, organisation } = useSession();
  const offered = AREAS.flatMap((a) => a.routes).filter((r) => r.inMenu !== false && mayOpen(person, r.roles));
  return (
    <section>
      <h1>Портал КДН и ЗП</h1>
      <p>
        Вы вошли как {person.name ?? person.username}
        {organisation ? `, ${organisation.name}` : ''}.
      </p>
      {offered.length === 0 ? <p>Для вашей роли в портале нет разделов.</p> : <p>Выберите раздел в меню слева.</p>}
    </section>
  );
}

export function Shell() {
  const { person, organisation, logout } = useSession();
  const routes = useMemo(() => allRoutes(), []);
  const location = useLocation();
  const groups = AREAS.map((area) => ({ area, routes: area.routes.filter((r) => r.inMenu !== false && mayOpen(person, r.roles)) })).filter((g) => g.routes.length > 0);
  useEffect(() => {
    document.getElementById('main')?.focus();
  }, [location.pathname]);
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        К содержанию
      </a>
      <header className="topbar">
        <span className="brand">Портал КДН и ЗП</span>
        <span className="who">
          {person.name ?? person.username}
          {organisation ? ` · ${organisation.name}` : ''}
        </span>
        <button type="button" onClick={logout}>
          Выйти
        </button>
      </header>
      <nav aria-label="Разделы" className="sidebar">
        {groups.map(({ area, routes: items }) => (
          <div key={area.name}>
            <h2>{area.title}</h2>
            <ul>
              {items.map((r) => (
                <li key={r.path}>
                  <NavLink to={`/${r.path}`}>{r.title}</NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<Home />} />
          {routes.map((r) => (
            <Route key={r.path} path={`/${r.path}`} element={<Guarded route={r} />} />
          ))}
          <Route path="*" element={<p role="alert">Страница не найдена.</p>} />
        </Routes>
      </main>
    </div>
  );
}
