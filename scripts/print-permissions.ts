import { renderPermissionMatrix } from '../auth/access/permission-matrix';

// `npm run permissions`: prints the matrix to paste into the README (a test checks it is current).
process.stdout.write(`${renderPermissionMatrix()}\n`);
