import { Field, ObjectType } from 'type-graphql';
import { AuditEntry } from './audit-entry.type';
import { PageInfo } from './page-info.type';
import { PrivacyRequest } from './privacy-request.type';
import { Subject } from './subject.type';

@ObjectType()
export class SubjectEdge {
  @Field()
  cursor!: string;

  @Field(() => Subject)
  node!: Subject;
}

@ObjectType({ description: 'Relay connection of subjects.' })
export class SubjectConnection {
  @Field(() => [SubjectEdge])
  edges!: SubjectEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class AuditEntryEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEntry)
  node!: AuditEntry;
}

@ObjectType({ description: 'Relay connection of audit entries, newest first.' })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge])
  edges!: AuditEntryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class PrivacyRequestEdge {
  @Field()
  cursor!: string;

  @Field(() => PrivacyRequest)
  node!: PrivacyRequest;
}

@ObjectType({ description: 'Relay connection of privacy requests, newest first.' })
export class PrivacyRequestConnection {
  @Field(() => [PrivacyRequestEdge])
  edges!: PrivacyRequestEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
