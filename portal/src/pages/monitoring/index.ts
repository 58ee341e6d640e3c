import { createElement } from 'react';
import { KDN_ROLES, PortalArea } from '../portal-route';
import { MonitoringPage } from './monitoring-page';

export const monitoringArea: PortalArea = {
  name: 'monitoring',
  title: 'Мониторинг',
  routes: [{ path: 'monitoring', title: 'Отчёт мониторинга', roles: [...KDN_ROLES, 'bank_operator'], element: createElement(MonitoringPage) }],
};
