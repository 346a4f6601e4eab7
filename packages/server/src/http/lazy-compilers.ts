/**
 * Route schemas compiled on a route's first request instead of at start: compiling every route's
 * TypeBox checker and fast-json-stringify serializer up front was a large part of a cold start, and
 * most routes of a given deployment are never called. The compiled results are the same ones
 * Fastify would use (TypeBox for input, Fastify's own fast-json-stringify factory for output).
 */
import { createRequire } from 'node:module';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify';
import type { TSchema } from '@sinclair/typebox';

type Validate = ReturnType<typeof TypeBoxValidatorCompiler>;
type BuildSerializer = (externalSchemas: unknown, options: unknown) => (route: unknown) => (data: unknown) => string;

export const lazyValidatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  let validate: Validate | undefined;
  return (data) => (validate ??= TypeBoxValidatorCompiler(route))(data);
};

/**
 * Fastify's default serializer factory (a dependency of Fastify's), each route's serializer built on
 * first use; the factory itself (fast-json-stringify and Ajv) loads with the first serializer too.
 */
function lazySerializerFactory(): BuildSerializer {
  let build: BuildSerializer | undefined;
  const load = (): BuildSerializer => {
    const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
    const selector = fromFastify('@fastify/fast-json-stringify-compiler') as () => BuildSerializer;
    return selector();
  };
  return (externalSchemas, options) => {
    let compile: ReturnType<BuildSerializer> | undefined;
    return (route) => {
      let serialize: ((data: unknown) => string) | undefined;
      return (data) => (serialize ??= (compile ??= (build ??= load())(externalSchemas, options))(route))(data);
    };
  };
}

export const lazySchemaController = (): FastifyServerOptions['schemaController'] => ({
  compilersFactory: { buildSerializer: lazySerializerFactory() as never },
});
