import { fileURLToPath } from "node:url";

// This module sits two folders below the package root both as compiled (dist/load/) and as
// bundled (dist/bundle/): every file the package ships is found from here, and only from here.
const ROOT_URL = new URL("../../", import.meta.url);

export function packageFile(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT_URL));
}
