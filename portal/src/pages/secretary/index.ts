import { createElement } from 'react';
import { KDN_ROLES, PortalArea, SPECIALIST_ROLES } from '../portal-route';
import { ChildCardPage } from '../shared/child-card-page';
import { CasePage } from './case-page';
import { CasesPage } from './cases-page';
import { DownloadsPage } from './downloads-page';
import { DuePage } from './due-page';
import { FindChildPage } from './find-child-page';
import { InboxPage } from '../shared/inbox-page';
import { JournalPage } from './journal-page';

const KDN = [...KDN_ROLES];

export const secretaryArea: PortalArea = {
  name: 'secretary',
  title: 'Комиссия',
  routes: [
    { path: 'journal', title: 'Журнал сигналов', roles: KDN, element: createElement(JournalPage), purpose: 'SIGNAL_CHECK' },
    { path: 'search', title: 'Поиск ребёнка', roles: KDN, element: createElement(FindChildPage) },
    { path: 'cases', title: 'Дела', roles: KDN, element: createElement(CasesPage) },
    { path: 'due', title: 'Сроки', roles: KDN, element: createElement(DuePage) },
    { path: 'inbox', title: 'Входящие', roles: KDN, element: createElement(InboxPage) },
    { path: 'downloads', title: 'Выгрузки', roles: ['kdn_secretary', 'kdn_chair'], element: createElement(DownloadsPage) },
    { path: 'cases/:number', title: 'Дело', roles: [...KDN, ...SPECIALIST_ROLES], element: createElement(CasePage), inMenu: false },
    { path: 'children/:id', title: 'Карточка ребёнка', roles: [...KDN, ...SPECIALIST_ROLES], element: createElement(ChildCardPage), inMenu: false },
  ],
};
