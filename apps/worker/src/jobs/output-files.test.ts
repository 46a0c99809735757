import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitPartial, partialPath } from "./output-files";

describe("commitPartial()", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "diemcau-commit-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("replaces a file and a folder with the new output", async () => {
    const file = join(root, "poster.jpg");
    await writeFile(file, "old");
    const newFile = partialPath(file);
    await writeFile(newFile, "new");
    await commitPartial(newFile, file);
    expect(await readFile(file, "utf8")).toBe("new");

    const folder = join(root, "thumbs");
    await mkdir(folder);
    await writeFile(join(folder, "sprite-1.jpg"), "old");
    const newFolder = partialPath(folder);
    await mkdir(newFolder);
    await writeFile(join(newFolder, "sprite-1.jpg"), "new");
    await commitPartial(newFolder, folder);
    expect(await readFile(join(folder, "sprite-1.jpg"), "utf8")).toBe("new");
    expect(await readdir(root)).toEqual(["poster.jpg", "thumbs"]);
  });

  it("keeps the old output when the new one cannot be put in place", async () => {
    const file = join(root, "download.mp4");
    await writeFile(file, "old");
    await expect(commitPartial(partialPath(file), file)).rejects.toThrow();
    expect(await readFile(file, "utf8")).toBe("old");
  });
});
