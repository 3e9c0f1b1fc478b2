import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { analyze } from "@pinpipe/analytics";
import { cleanGeo, cleanPin, cleanUser } from "@pinpipe/clean";
import { decodeKafkaConnectObject } from "@pinpipe/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// What a service team gets from `npm install @pinpipe/...`: every published package is packed as
// `pnpm publish` would pack it, the tarballs are installed with npm into a scratch project outside
// the workspace (so nothing resolves to the workspace's sources), and three consumers use them: ESM
// `import`, CommonJS `require()` and TypeScript under `strict` with node16 modules. Each one decodes
// a Kafka Connect object, cleans its pin and runs the queries; all must print exactly what the
// workspace's own sources compute.
//
// Runs with `npm run test:packages` (vitest.packages.config.ts), after `npm run check:packages`
// in CI; it builds the packages itself unless PINPIPE_PACKAGES_BUILT=1 says dist/ is current.

const run = promisify(execFile);
const root = new URL("../../../../", import.meta.url).pathname;
const MINUTE = 60_000;

const RAW_PIN = {
  index: 7,
  unique_id: "31af679a-6e4f-426f-9fef-734309348d0e",
  title: "Kitten",
  description: "No description available",
  poster_name: "Bored Panda",
  follower_count: "2M",
  tag_list: "Pretty Art,Cute Art",
  is_image_or_video: "image",
  image_src: "Image src error.",
  downloaded: 1,
  save_location: "Local save in /data/art",
  category: "art",
};
const RAW_GEO = {
  ind: 7,
  timestamp: "2022-03-14 04:34:13",
  latitude: 17.5,
  longitude: 112.2,
  country: "Gambia",
};
const RAW_USER = {
  ind: 7,
  first_name: "Adam",
  last_name: "Acosta",
  age: 20,
  date_joined: "2015-10-21 21:26:45",
};
/** A Kafka Connect S3 object of the pin topic: one record, a blank line and a line that is not JSON. */
const OBJECT_BODY = `${JSON.stringify(RAW_PIN)}\n\nnot json\n`;

/** The consumers' shared program, written once per module system (`load` is import or require). */
function consumerBody(): string {
  return `
const decoded = decodeKafkaConnectObject(${JSON.stringify(OBJECT_BODY)});
if (!decoded.ok) throw new Error("the object did not decode");
const pin = cleanPin(decoded.value.records[0]);
const geo = cleanGeo(${JSON.stringify(RAW_GEO)});
const user = cleanUser(${JSON.stringify(RAW_USER)});
if (!pin.ok || !geo.ok || !user.ok) throw new Error("a record was rejected");
const results = analyze({ pin: [pin.value], geo: [geo.value], user: [user.value] });
console.log(JSON.stringify({ badLines: decoded.value.badLines, pin: pin.value, issues: pin.issues, results }));
`;
}

/** What the workspace's sources compute for the same input: the consumers must agree with it. */
function expectedOutput(): unknown {
  const decoded = decodeKafkaConnectObject(OBJECT_BODY);
  if (!decoded.ok) throw new Error("the object did not decode");
  const pin = cleanPin(decoded.value.records[0]);
  const geo = cleanGeo(RAW_GEO);
  const user = cleanUser(RAW_USER);
  if (!pin.ok || !geo.ok || !user.ok) throw new Error("a record was rejected");
  const results = analyze({ pin: [pin.value], geo: [geo.value], user: [user.value] });
  return JSON.parse(
    JSON.stringify({ badLines: decoded.value.badLines, pin: pin.value, issues: pin.issues, results }),
  );
}

const IMPORTS = {
  analytics: ["analyze"],
  clean: ["cleanGeo", "cleanPin", "cleanUser"],
  ingest: ["decodeKafkaConnectObject"],
} as const;

function esmImports(): string {
  return Object.entries(IMPORTS)
    .map(([name, names]) => `import { ${names.join(", ")} } from "@pinpipe/${name}";`)
    .join("\n");
}

function cjsRequires(): string {
  return Object.entries(IMPORTS)
    .map(([name, names]) => `const { ${names.join(", ")} } = require("@pinpipe/${name}");`)
    .join("\n");
}

async function nodeOutput(cwd: string, file: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, [file], { cwd, timeout: MINUTE });
  return JSON.parse(stdout);
}

describe("published packages, installed from their tarballs outside the workspace", () => {
  let scratch = "";
  let tarballs: string[] = [];

  beforeAll(async () => {
    if (process.env.PINPIPE_PACKAGES_BUILT !== "1") {
      await run(
        process.execPath,
        [join(root, "scripts/pnpm.mjs"), "-r", "--filter", "./packages/*", "--filter", "./apps/*", "build"],
        { cwd: root, timeout: 15 * MINUTE, maxBuffer: 64 * 1024 * 1024 },
      );
    }
    scratch = await mkdtemp(join(tmpdir(), "pinpipe-pack-test-"));
    const packDir = join(scratch, "tarballs");
    for (const folder of ["packages", "apps"]) {
      for (const name of await readdir(join(root, folder))) {
        const manifestText = await readFile(join(root, folder, name, "package.json"), "utf8").catch(() => "");
        if (manifestText === "" || (JSON.parse(manifestText) as { private?: boolean }).private === true)
          continue;
        await run(process.execPath, [join(root, "scripts/pnpm.mjs"), "pack", "--pack-destination", packDir], {
          cwd: join(root, folder, name),
          timeout: 2 * MINUTE,
        });
      }
    }
    tarballs = (await readdir(packDir)).map((file) => join(packDir, file));

    const project = join(scratch, "consumer");
    await run("mkdir", ["-p", project]);
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    // --ignore-scripts: no native builds (leveldown under kinesalite) are needed to import the libraries.
    await run(
      "npm",
      [
        "install",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        "@types/node@20",
        "typescript@5.9.3",
        ...tarballs,
      ],
      { cwd: project, timeout: 10 * MINUTE, maxBuffer: 64 * 1024 * 1024 },
    );
  }, 30 * MINUTE);

  afterAll(async () => {
    if (scratch !== "") await rm(scratch, { recursive: true, force: true });
  });

  it("packs one tarball per published package", () => {
    expect(tarballs.map((file) => file.replace(/.*\//, "")).sort()).toEqual(
      ["analytics", "clean", "core", "delta", "ingest", "local-aws", "parquet", "runner", "schemas"].map(
        (name) => `pinpipe-${name}-0.1.0.tgz`,
      ),
    );
  });

  it("works from an ESM consumer (import)", async () => {
    const project = join(scratch, "consumer");
    await writeFile(join(project, "consumer.mjs"), `${esmImports()}\n${consumerBody()}`);
    const output = await nodeOutput(project, "consumer.mjs");
    expect(output).toEqual(expectedOutput());
    expect(output).toMatchObject({ badLines: [{ line: 3 }], pin: { ind: 7, follower_count: 2_000_000 } });
  });

  it("works from a CommonJS consumer (require)", async () => {
    const project = join(scratch, "consumer");
    await writeFile(join(project, "consumer.cjs"), `${cjsRequires()}\n${consumerBody()}`);
    expect(await nodeOutput(project, "consumer.cjs")).toEqual(expectedOutput());
  });

  it("type-checks and works from a TypeScript consumer under strict (module node16)", async () => {
    const project = join(scratch, "typescript");
    await run("mkdir", ["-p", project]);
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "ts-consumer", type: "module" }));
    await writeFile(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "node16",
          moduleResolution: "node16",
          target: "ES2022",
          types: ["node"],
          outDir: "out",
          typeRoots: [join(scratch, "consumer/node_modules/@types")],
        },
        files: ["consumer.ts"],
      }),
    );
    // The consumer's own node_modules one folder up would be found by walking up; a symlink keeps
    // the TypeScript project in its own folder with the same installed packages.
    await run("ln", ["-s", join(scratch, "consumer/node_modules"), join(project, "node_modules")]);
    await writeFile(join(project, "consumer.ts"), `${esmImports()}\n${consumerBody()}`);
    await run(process.execPath, [join(project, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
      cwd: project,
      timeout: 5 * MINUTE,
    });
    expect(await nodeOutput(project, "out/consumer.js")).toEqual(expectedOutput());
  });

  it("runs the README example of every published package (blocks marked ts runnable), type-checked", async () => {
    const project = join(scratch, "readme");
    await run("mkdir", ["-p", project]);
    await run("ln", ["-s", join(scratch, "consumer/node_modules"), join(project, "node_modules")]);
    await writeFile(
      join(project, "package.json"),
      JSON.stringify({ name: "readme-examples", type: "module" }),
    );
    const examples: string[] = [];
    for (const folder of ["packages", "apps"]) {
      for (const name of await readdir(join(root, folder))) {
        const readme = await readFile(join(root, folder, name, "README.md"), "utf8").catch(() => "");
        for (const [index, match] of [...readme.matchAll(/^```ts runnable\n([\s\S]*?)^```$/gm)].entries()) {
          const file = `${name}-${index}.ts`;
          await writeFile(join(project, file), match[1] ?? "");
          examples.push(file);
        }
      }
    }
    // The libraries with a README example that runs without servers: each must have one.
    expect(examples.map((file) => file.replace(/-\d+\.ts$/, "")).sort()).toEqual([
      "analytics",
      "clean",
      "core",
      "ingest",
      "parquet",
      "schemas",
    ]);
    await writeFile(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, module: "node16", target: "ES2022", types: ["node"], outDir: "out" },
        files: examples,
      }),
    );
    await run(process.execPath, [join(project, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
      cwd: project,
      timeout: 5 * MINUTE,
    });
    for (const file of examples) {
      const { stdout } = await run(process.execPath, [join("out", file.replace(/\.ts$/, ".js"))], {
        cwd: project,
        timeout: MINUTE,
      });
      expect(stdout.length, file).toBeGreaterThan(0);
    }
  });

  it("a TypeScript consumer that misuses the API does not compile", async () => {
    // The types are real: the strict consumer above passes because they match, not because they are any.
    const project = join(scratch, "typescript");
    await writeFile(join(project, "consumer.ts"), `${esmImports()}\nconst n: number = cleanPin({}).ok;\n`);
    const failed = await run(
      process.execPath,
      [join(project, "node_modules/typescript/bin/tsc"), "-p", "."],
      {
        cwd: project,
        timeout: 5 * MINUTE,
      },
    ).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? "failed",
    );
    expect(failed).toContain("error TS2322");
  });
});
