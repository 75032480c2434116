import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Who is calling: the role of the bearer token and its audit label.' })
export class ViewerInfo {
  @Field({ description: 'DPO or VIEWER: what the token may do (clients hide what the API would refuse).' })
  role!: string;

  @Field({ description: 'Role and token fingerprint, as the audit log records the caller (never the token).' })
  label!: string;
}
