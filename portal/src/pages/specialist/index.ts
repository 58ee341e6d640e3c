import { createElement } from 'react';
import { PortalArea, SPECIALIST_ROLES } from '../portal-route';
import { InboxPage } from '../shared/inbox-page';
import { OurCasesPage } from './our-cases-page';
import { OurSignalsPage } from './our-signals-page';
import { ProgrammePage } from './programme-page';

const SPECIALISTS = [...SPECIALIST_ROLES];

export const specialistArea: PortalArea = {
  name: 'specialist',
  title: 'Организация',
  routes: [
    { path: 'our/signals', title: 'Сигналы организации', roles: SPECIALISTS, element: createElement(OurSignalsPage) },
    { path: 'our/cases', title: 'Дела с нашим участием', roles: SPECIALISTS, element: createElement(OurCasesPage) },
    { path: 'our/programme', title: 'Мероприятия программы', roles: SPECIALISTS, element: createElement(ProgrammePage) },
    { path: 'inbox', title: 'Входящие', roles: SPECIALISTS, element: createElement(InboxPage) },
  ],
};
