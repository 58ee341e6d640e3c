/** What the gateway tells the portal at /portal/config.json: where to log in and where to ask. */
export interface PortalConfig {
  issuer: string;
  clientId: string;
  graphqlUrl: string;
}

export async function loadPortalConfig(base: string): Promise<PortalConfig> {
  const response = await fetch(`${base}config.json`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`Не удалось загрузить настройки портала: ${response.status}`);
  return (await response.json()) as PortalConfig;
}
