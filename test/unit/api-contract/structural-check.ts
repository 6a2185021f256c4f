/**
 * A minimal structural check of an OpenAPI 3.1 document, standing in for a validator
 * package, which this repository does not have. It returns every problem it finds, so a
 * test failure names them all.
 */

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Resolves a local JSON Pointer reference (`#/components/schemas/Error`) against `root`. */
const resolves = (root: unknown, ref: string): boolean => {
  if (!ref.startsWith('#/')) return false;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(node) || !(key in node)) return false;
    node = node[key];
  }
  return true;
};

const refsIn = (value: unknown, at: string, found: { at: string; ref: string }[] = []) => {
  if (Array.isArray(value)) value.forEach((item, i) => refsIn(item, `${at}/${i}`, found));
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push({ at, ref: item });
      else refsIn(item, `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, found);
    }
  }
  return found;
};

export const structuralProblems = (document: unknown): string[] => {
  const problems: string[] = [];
  if (!isObject(document)) return ['the document is not an object'];
  if (document.openapi !== '3.1.0') problems.push(`openapi is ${String(document.openapi)}, not 3.1.0`);
  const info = document.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') {
    problems.push('info lacks a title or a version');
  }
  if (!isObject(document.paths)) return [...problems, 'paths is not an object'];

  const operationIds = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`);
    if (!isObject(item)) {
      problems.push(`path ${path} is not an object`);
      continue;
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    for (const [method, operation] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!methods.includes(method) || !isObject(operation)) {
        problems.push(`${where} is not an operation`);
        continue;
      }
      const id = operation.operationId;
      if (typeof id !== 'string') problems.push(`${where} has no operationId`);
      else if (operationIds.has(id))
        problems.push(`${where} reuses operationId ${id} of ${operationIds.get(id)}`);
      else operationIds.set(id, where);

      const parameters = Array.isArray(operation.parameters) ? operation.parameters.filter(isObject) : [];
      const inPath = parameters.filter((parameter) => parameter.in === 'path');
      for (const name of templated) {
        const declared = inPath.find((parameter) => parameter.name === name);
        if (!declared) problems.push(`${where} does not declare its path parameter ${name}`);
        else if (declared.required !== true)
          problems.push(`${where} does not require its path parameter ${name}`);
      }
      for (const parameter of inPath) {
        if (!templated.includes(String(parameter.name))) {
          problems.push(`${where} declares path parameter ${String(parameter.name)}, absent from the path`);
        }
      }
      const seen = new Set<string>();
      for (const parameter of parameters) {
        const key = `${String(parameter.in)} ${String(parameter.name)}`;
        if (seen.has(key)) problems.push(`${where} declares ${key} twice`);
        seen.add(key);
        if (!isObject(parameter.schema)) problems.push(`${where} parameter ${key} has no schema`);
      }
      if (!isObject(operation.responses) || Object.keys(operation.responses).length === 0) {
        problems.push(`${where} has no responses`);
      } else {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!/^[1-5][0-9][0-9]$/.test(status)) problems.push(`${where} has response ${status}, no status`);
          if (!isObject(response) || typeof response.description !== 'string') {
            problems.push(`${where} response ${status} has no description`);
          }
        }
      }
      const schemes = isObject(document.components) ? document.components.securitySchemes : undefined;
      for (const requirement of Array.isArray(operation.security) ? operation.security : []) {
        for (const scheme of Object.keys(isObject(requirement) ? requirement : {})) {
          if (!isObject(schemes) || !(scheme in schemes))
            problems.push(`${where} requires unknown scheme ${scheme}`);
        }
      }
    }
  }

  for (const { at, ref } of refsIn(document, '#')) {
    if (!resolves(document, ref)) problems.push(`${at} refers to ${ref}, which does not resolve`);
  }
  return problems;
};
