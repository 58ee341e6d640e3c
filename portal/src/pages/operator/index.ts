import { createElement } from 'react';
import { PortalArea } from '../portal-route';
import { AccountCardPage } from './account-card-page';
import { QuarterlyPage, ReconciliationPage } from './quarterly-page';
import { RegisterPage } from './register-page';

const OPERATORS = ['bank_operator'];

export const operatorArea: PortalArea = {
  name: 'operator',
  title: 'Банк данных',
  routes: [
    { path: 'bank/register', title: 'Банк данных СОП', roles: OPERATORS, element: createElement(RegisterPage), purpose: 'DATA_BANK' },
    { path: 'bank/quarterly', title: 'Квартальный список', roles: OPERATORS, element: createElement(QuarterlyPage), purpose: 'DATA_BANK' },
    { path: 'bank/reconciliation', title: 'Сверка с ведомствами', roles: OPERATORS, element: createElement(ReconciliationPage), purpose: 'DATA_BANK' },
    // The commission's secretary keeps the register too (register:read on its territory) and reaches a card from a case.
    { path: 'bank/families/:id', title: 'Учётная карта семьи', roles: [...OPERATORS, 'kdn_secretary'], element: createElement(AccountCardPage), purpose: 'DATA_BANK', inMenu: false },
  ],
};
