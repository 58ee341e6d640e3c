import { createElement } from 'react';
import { PortalArea } from '../portal-route';
import { CuratorDuePage } from './due-page';
import { MyCasesPage } from './my-cases-page';
import { CuratorProgrammePage } from './programme-page';

const CURATORS = ['case_curator'];

export const curatorArea: PortalArea = {
  name: 'curator',
  title: 'Куратор случая',
  routes: [
    { path: 'curator/cases', title: 'Мои дела', roles: CURATORS, element: createElement(MyCasesPage) },
    { path: 'curator/due', title: 'Сроки по моим делам', roles: CURATORS, element: createElement(CuratorDuePage) },
    { path: 'curator/cases/:id', title: 'Программа дела', roles: CURATORS, element: createElement(CuratorProgrammePage), inMenu: false },
  ],
};
