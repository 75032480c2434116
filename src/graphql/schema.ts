import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth/auth-checker';
import { AccessExportResolver } from './resolvers/access-export.resolver';
import { AuditResolver } from './resolvers/audit.resolver';
import { ConsentResolver } from './resolvers/consent.resolver';
import { LegalHoldResolver } from './resolvers/legal-hold.resolver';
import { PrivacyRequestResolver } from './resolvers/privacy-request.resolver';
import { RegisterResolver } from './resolvers/register.resolver';
import { RetentionResolver } from './resolvers/retention.resolver';
import { SubjectProfileResolver } from './resolvers/subject-profile.resolver';
import { SubjectRequestsResolver } from './resolvers/subject-requests.resolver';
import { SubjectResolver } from './resolvers/subject.resolver';
import { ViewerResolver } from './resolvers/viewer.resolver';

export const RESOLVERS = [
  RegisterResolver,
  SubjectResolver,
  SubjectProfileResolver,
  SubjectRequestsResolver,
  ConsentResolver,
  PrivacyRequestResolver,
  AccessExportResolver,
  LegalHoldResolver,
  RetentionResolver,
  AuditResolver,
  ViewerResolver,
] as const;

/** The schema, built from the resolvers (code first); scripts/emit-schema.ts writes its SDL. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    authChecker,
    // type-graphql 2 validates nothing unless asked; forbidUnknownValues off because inputs are plain class instances.
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
}
