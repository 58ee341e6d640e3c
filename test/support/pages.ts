/**
 * Lists paged by the last item's id (`after`): read to the end, or until an item is found. On the
 * shared hub other test files fill the same lists, so a file's own item may be on any page.
 */
type Page<T> = (after: string | null) => Promise<T[]>;

export async function findInPages<T>(size: number, page: Page<T>, cursorOf: (item: T) => string, match: (item: T) => boolean): Promise<T | undefined> {
  for (let after: string | null = null; ;) {
    const items = await page(after);
    const found = items.find(match);
    if (found || items.length < size) return found;
    after = cursorOf(items[items.length - 1]);
  }
}

export async function allPages<T>(size: number, page: Page<T>, cursorOf: (item: T) => string): Promise<T[]> {
  const all: T[] = [];
  await findInPages(size, page, cursorOf, (item) => (all.push(item), false));
  return all;
}
