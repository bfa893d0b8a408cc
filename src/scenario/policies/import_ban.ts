/** `import_ban`: no imports on the selected links. */
import { linkFields, type PolicyConverter } from './common.js';

/** Converts an import ban (`importer` → `to`). */
export const importBan: PolicyConverter = (src) => {
  const links = linkFields(src, 'from', 'importer');
  if (!links) return null;
  return () => ({ ...src.window, ...links, type: 'import_ban' });
};
