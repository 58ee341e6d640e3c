import { createElement } from 'react';
import { PortalArea } from '../portal-route';
import { AccessLogPage } from './access-log-page';
import { ChainPage } from './chain-page';
import { EmergencyPage } from './emergency-page';
import { SubjectReportPage } from './subject-report-page';

const AUDITORS = ['auditor'];

export const auditorArea: PortalArea = {
  name: 'auditor',
  title: 'Аудит',
  routes: [
    { path: 'audit/log', title: 'Журнал доступа', roles: AUDITORS, element: createElement(AccessLogPage), purpose: 'AUDIT' },
    { path: 'audit/subject', title: 'Отчёт о доступе к данным ребёнка', roles: AUDITORS, element: createElement(SubjectReportPage), purpose: 'AUDIT' },
    { path: 'audit/chain', title: 'Проверка журнала', roles: AUDITORS, element: createElement(ChainPage), purpose: 'AUDIT' },
    { path: 'audit/emergency', title: 'Экстренные доступы', roles: AUDITORS, element: createElement(EmergencyPage), purpose: 'AUDIT' },
  ],
};
