import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import type { User, UserManager } from 'oidc-client-ts';
import { createGraphQLClient, HubResult } from '../api/graphql-client';
import { HubContext } from '../api/hub-context';
import { ResultCache } from '../api/result-cache';
import { personFromAccessToken } from '../auth/claims';
import { loadPortalConfig } from '../auth/portal-config';
import { createUserManager } from '../auth/user-manager';
import { MOSCOW, timeZoneOf } from '../format/time-zones';
import { ME } from '../pages/shared/shared.operations';
import { Session, SessionContext } from './session';
import { Shell } from './shell';

const BASE = '/portal';

function Message({ title, text, action }: { title: string; text: string; action?: { label: string; run: () => void } }) {
  return (
    <main id="main" className="message">
      <h1>{title}</h1>
      <p role="status">{text}</p>
      {action ? (
        <button type="button" onClick={action.run}>
          {action.label}
        </button>
      ) : null}
    </main>
  );
}

async function signIn(manager: UserManager): Promise<void> {
  await manager.signinRedirect({ state: { returnTo: `${location.pathname}${location.search}` } });
}

/**
 * Starts the portal: the settings from the gateway, the person from the login (authorization
 * code + PKCE), then the pages. Nothing of the session survives a reload but the login itself at
 * the identity provider: a reload logs in again.
 */
export async function boot(root: Root): Promise<void> {
  root.render(<Message title="Портал КДН и ЗП" text="Загрузка…" />);
  let loggedOut = false;
  // A page restored from the back-forward cache after logout must not come back to life.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && loggedOut) location.replace(`${BASE}/`);
  });

  const config = await loadPortalConfig(`${BASE}/`);
  const manager = createUserManager(config, location.origin);
  let user: User | null;
  if (location.pathname === `${BASE}/callback`) {
    try {
      user = await manager.signinRedirectCallback();
    } catch (error) {
      root.render(<Message title="Вход не выполнен" text={`Не удалось завершить вход: ${(error as Error).message}`} action={{ label: 'Войти снова', run: () => location.replace(`${BASE}/`) }} />);
      return;
    }
    const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
    history.replaceState(null, '', returnTo && returnTo.startsWith(BASE) && !returnTo.startsWith(`${BASE}/callback`) ? returnTo : `${BASE}/`);
  } else {
    user = await manager.getUser();
  }
  if (!user || user.expired) {
    root.render(<Message title="Портал КДН и ЗП" text="Переход на страницу входа…" />);
    await signIn(manager);
    return;
  }

  let current = user;
  manager.events.addUserLoaded((renewed) => {
    current = renewed;
  });
  const cache = new ResultCache<HubResult<unknown>>();
  const client = createGraphQLClient({
    graphqlUrl: config.graphqlUrl,
    token: () => current.access_token,
    onUnauthenticated: () => {
      cache.clear();
      void manager.removeUser().then(() => signIn(manager));
    },
  });

  const logout = async () => {
    loggedOut = true;
    // Forget every answer and take the pages down before leaving, so neither memory nor a
    // page kept by the back button holds anything of a child.
    cache.clear();
    root.render(<Message title="Выход" text="Выход выполнен. Сведения удалены из памяти страницы." />);
    const idToken = current.id_token;
    await manager.removeUser();
    sessionStorage.clear();
    try {
      await manager.signoutRedirect({ id_token_hint: idToken });
    } catch {
      location.replace(`${BASE}/`);
    }
  };

  const person = personFromAccessToken(current.access_token);
  const me = await client.request(ME, {}, { purpose: 'INDIVIDUAL_PREVENTION' });
  const organisation = me.data?.actingOrganisation ?? null;
  const session: Session = {
    person,
    organisation,
    zone: organisation ? timeZoneOf(organisation.region) : MOSCOW,
    logout: () => void logout(),
  };

  root.render(
    <StrictMode>
      <SessionContext.Provider value={session}>
        <HubContext.Provider value={{ client, cache }}>
          <BrowserRouter basename={BASE}>
            <Shell />
          </BrowserRouter>
        </HubContext.Provider>
      </SessionContext.Provider>
    </StrictMode>,
  );
}
