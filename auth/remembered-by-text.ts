/**
 * A value computed once per text, for texts of at most `maxLength` characters, `capacity` of them
 * (the oldest forgotten first): what the hub derives from the few documents its portal and its
 * gateway send all day. A caller sending ever new texts fills at most capacity x maxLength.
 */
export function rememberedByText<V>(compute: (text: string) => V, capacity = 500, maxLength = 16 * 1024): (text: string) => V {
  const known = new Map<string, V>();
  return (text) => {
    if (known.has(text)) return known.get(text)!;
    const value = compute(text);
    if (text.length <= maxLength) {
      if (known.size >= capacity) known.delete(known.keys().next().value!);
      known.set(text, value);
    }
    return value;
  };
}
