import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { loadFolder, OPERATIONS_DIR } from '../../../gateway/safelist/safelist';
import { PORTAL_SAFELIST_PATH, portalSafelistText } from '../../../scripts/portal-safelist';

const ROOT = path.join(__dirname, '../../..');

describe("the portal's operations in the kdn-portal client's safelist", () => {
  it('when the committed safelist file is compared with what the script writes now, then they are the same', () => {
    expect(readFileSync(path.join(ROOT, PORTAL_SAFELIST_PATH), 'utf8')).toBe(portalSafelistText(ROOT));
  });

  it("when the folder is loaded, then each portal operation's name is used by no other file of the folder", () => {
    const folder = path.join(OPERATIONS_DIR, 'kdn-portal');
    const portalNames = parse(readFileSync(path.join(ROOT, PORTAL_SAFELIST_PATH), 'utf8')).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
    expect(portalNames.length).toBeGreaterThan(10);
    const names = [...loadFolder(folder).values()];
    for (const name of portalNames) expect(names.filter((n) => n === name)).toHaveLength(1);
  });
});
