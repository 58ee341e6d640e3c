import { createRoot } from 'react-dom/client';
import { boot } from './app/boot';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
boot(root).catch((error: unknown) => {
  const main = document.createElement('main');
  main.setAttribute('role', 'alert');
  main.textContent = `Портал не запустился: ${(error as Error)?.message ?? String(error)}`;
  document.body.replaceChildren(main);
});
