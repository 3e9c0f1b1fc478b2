import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { DOCUMENTED_PACKAGES, type ExampleBlock, packageSourceFiles } from "./exampleBlocks.js";

/** A compiler error in one example, with where the example is. */
export interface ExampleDiagnostic {
  readonly block: ExampleBlock;
  readonly message: string;
}

/** What compiling the examples found. */
export interface ExampleCompilation {
  readonly diagnostics: readonly ExampleDiagnostic[];
  /**
   * Names an example uses without defining or importing them (a caller's `client`, `records`), by
   * `file:line`. They are declared `any` so the rest of the example is still checked; the ones it
   * calls are reported so that a renamed function cannot hide among them.
   */
  readonly calledFreeNames: ReadonlyMap<string, readonly string[]>;
}

const CANNOT_FIND_NAME = new Set([2304, 2552, 18004]);

/**
 * Type-checks every example as its own module, under the repository's strict options, with in scope
 * the package's public exports first, then the exports of the example's own module, then those of the
 * package's other modules (an internal helper's example uses that helper).
 */
export function compileExampleBlocks(root: string, blocks: readonly ExampleBlock[]): ExampleCompilation {
  const base = JSON.parse(readFileSync(join(root, "tsconfig.base.json"), "utf8")) as {
    compilerOptions: Record<string, unknown>;
  };
  const options = ts.convertCompilerOptionsFromJson(
    {
      ...base.compilerOptions,
      // Examples show fragments: unused names and a caller's untyped values are expected in them.
      noUnusedLocals: false,
      noUnusedParameters: false,
      noImplicitAny: false,
      verbatimModuleSyntax: false,
      isolatedModules: false,
      declaration: false,
      noEmit: true,
      allowImportingTsExtensions: true,
    },
    root,
  ).options;
  const packageFiles = new Map(DOCUMENTED_PACKAGES.map((pkg) => [pkg, packageSourceFiles(root, pkg)]));
  const entries = new Map(DOCUMENTED_PACKAGES.map((pkg) => [pkg, publicEntries(root, pkg)]));
  const sources = ts.createProgram([...packageFiles.values()].flat(), options);
  const checker = sources.getTypeChecker();
  const exportsOf = (file: string): string[] => {
    const source = sources.getSourceFile(file);
    const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    return symbol === undefined ? [] : checker.getExportsOfModule(symbol).map((entry) => entry.name);
  };

  const moduleText = (block: ExampleBlock, free: readonly string[]): string => {
    const own = topLevelNames(block.code);
    const seen = new Set<string>(own);
    const imports: string[] = [];
    const files = [
      ...(entries.get(block.pkg as (typeof DOCUMENTED_PACKAGES)[number]) ?? []),
      block.file,
      ...(packageFiles.get(block.pkg as (typeof DOCUMENTED_PACKAGES)[number]) ?? []),
    ];
    for (const file of files) {
      const names = exportsOf(file).filter((name) => name !== "default" && !seen.has(name));
      for (const name of names) seen.add(name);
      if (names.length > 0) imports.push(`import { ${names.join(", ")} } from ${JSON.stringify(file)};`);
    }
    const declarations = free.map(
      (name) => `declare const ${name}: any; type ${name}<_A = any, _B = any> = any;`,
    );
    return `${imports.join("\n")}\n${declarations.join("\n")}\nexport {};\n${block.code}\n`;
  };

  const compile = (free: ReadonlyMap<number, readonly string[]>) => {
    const texts = new Map<string, { index: number; text: string }>();
    blocks.forEach((block, index) => {
      // Beside the package's sources, so the package's own dependencies resolve from the example.
      const path = join(dirname(block.file), `__example_${index}.ts`);
      texts.set(path, { index, text: moduleText(block, free.get(index) ?? []) });
    });
    const host = ts.createCompilerHost(options);
    const readSource = host.getSourceFile.bind(host);
    const exists = host.fileExists.bind(host);
    const read = host.readFile.bind(host);
    host.getSourceFile = (path, language, ...rest) => {
      const virtual = texts.get(path);
      return virtual === undefined
        ? readSource(path, language, ...rest)
        : ts.createSourceFile(path, virtual.text, language);
    };
    host.fileExists = (path) => texts.has(path) || exists(path);
    host.readFile = (path) => texts.get(path)?.text ?? read(path);
    const program = ts.createProgram([...texts.keys()], options, host, sources);
    const found: { index: number; code: number; message: string }[] = [];
    for (const [path, { index }] of texts) {
      const file = program.getSourceFile(path);
      for (const diagnostic of [
        ...program.getSyntacticDiagnostics(file),
        ...program.getSemanticDiagnostics(file),
      ]) {
        found.push({
          index,
          code: diagnostic.code,
          message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
        });
      }
    }
    return found;
  };

  const free = new Map<number, string[]>();
  for (const diagnostic of compile(new Map())) {
    if (!CANNOT_FIND_NAME.has(diagnostic.code)) continue;
    const name = /(?:Cannot find name|shorthand property) '([^']+)'/.exec(diagnostic.message)?.[1];
    if (name === undefined) continue;
    const names = free.get(diagnostic.index) ?? [];
    if (!names.includes(name)) names.push(name);
    free.set(diagnostic.index, names);
  }
  const calledFreeNames = new Map<string, string[]>();
  for (const [index, names] of free) {
    const block = blocks[index] as ExampleBlock;
    const called = names.filter((name) =>
      new RegExp(`(?<![.\\w$])(?:new\\s+)?${name}\\s*[(<]`).test(block.code),
    );
    if (called.length > 0) calledFreeNames.set(`${block.file}:${block.line}`, called);
  }
  const diagnostics = compile(free).map(({ index, message }) => ({
    block: blocks[index] as ExampleBlock,
    message,
  }));
  return { diagnostics, calledFreeNames };
}

/** The source files of a package's export entries (`@pinpipe/source` condition), main entry first. */
function publicEntries(root: string, pkg: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, "packages", pkg, "package.json"), "utf8")) as {
    exports: Record<string, string | Record<string, unknown>>;
  };
  return Object.values(manifest.exports).flatMap((target) =>
    typeof target === "object" && typeof target["@pinpipe/source"] === "string"
      ? [join(root, "packages", pkg, target["@pinpipe/source"])]
      : [],
  );
}

/** Names an example declares at its top level (they shadow the package's exports). */
function topLevelNames(code: string): string[] {
  const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022);
  const names: string[] = [];
  const bindingNames = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else
      for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement)) &&
      statement.name !== undefined
    ) {
      names.push(statement.name.text);
    } else if (ts.isImportDeclaration(statement) && statement.importClause !== undefined) {
      const clause = statement.importClause;
      if (clause.name !== undefined) names.push(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings !== undefined && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) names.push(element.name.text);
      } else if (bindings !== undefined) names.push(bindings.name.text);
    }
  }
  return names;
}
