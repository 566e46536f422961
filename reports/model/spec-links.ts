/**
 * Where a requirement's source document can be read. Signal's specifications are linked as
 * documents (their pages have no section-number anchors); RFCs are linked to the section the
 * catalogue names. libsignal behaviour is cited from the project's notes, which have no public
 * address, so it gets no link.
 */

const DOCUMENTS: Record<string, string> = {
  X3DH: 'https://signal.org/docs/specifications/x3dh/',
  PQXDH: 'https://signal.org/docs/specifications/pqxdh/',
  DR: 'https://signal.org/docs/specifications/doubleratchet/',
  XEdDSA: 'https://signal.org/docs/specifications/xeddsa/',
};

/** A link to `source` (and to `section`, for an RFC), or undefined when the source has no public address. */
export function specUrl(source: string, section: string): string | undefined {
  const rfc = /^RFC\s*(\d+)$/i.exec(source.trim());
  if (rfc) {
    const number = /^\d+(?:\.\d+)*/.exec(section.trim())?.[0];
    return `https://www.rfc-editor.org/rfc/rfc${rfc[1]}${number ? `#section-${number}` : ''}`;
  }
  return DOCUMENTS[source.trim()];
}
