// Copies the data files the compiled code reads at run time (catalogue, realm, supergraph) next to it in dist/.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const assets = ['schema/catalogue/indicators.json', 'auth/organisations/organisations.json', 'schema/supergraph.graphql', 'auth/realm/hub-realm.json'];
// The gateway's safelisted operations, folder by folder.
const operations = path.join(root, 'gateway', 'safelist', 'operations');
for (const folder of fs.readdirSync(operations)) {
  for (const file of fs.readdirSync(path.join(operations, folder))) assets.push(path.join('gateway', 'safelist', 'operations', folder, file));
}
for (const asset of assets) {
  const from = path.join(root, asset);
  if (!fs.existsSync(from)) continue;
  const to = path.join(root, 'dist', asset);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}
