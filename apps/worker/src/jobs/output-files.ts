import { randomBytes } from "node:crypto";
import { copyFile, link, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * Every output is written under a ".partial-<random>" name and renamed into place when complete,
 * so an output that exists is whole: a worker killed mid-step leaves only partial names behind.
 */
export function partialPath(path: string): string {
  return `${path}.partial-${randomBytes(4).toString("hex")}`;
}

/**
 * Moves a finished file or folder into place, replacing an older one. The old output is removed
 * only after the new one is in place: a file is replaced by one atomic rename; a folder, which
 * rename cannot replace, is first set aside under a partial name (cleaned up as such if the
 * process dies right then), so a crash never leaves neither.
 */
export async function commitPartial(partial: string, target: string): Promise<void> {
  if (!(await stat(partial)).isDirectory()) {
    await rename(partial, target);
    return;
  }
  const old = partialPath(target);
  const hadOld = await rename(target, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
  await rename(partial, target);
  if (hadOld) await rm(old, { recursive: true, force: true });
}

/** Removes what killed attempts left behind in `folder` (not recursive: outputs live one level down at most). */
export async function removePartials(folder: string): Promise<void> {
  for (const dir of [folder, join(folder, "hls")]) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) if (name.includes(".partial-")) await rm(join(dir, name), { recursive: true, force: true });
  }
}

export async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/** A hard link costs nothing on the same disk; a copy is the fallback across devices. */
export async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}
