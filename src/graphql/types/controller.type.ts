import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A person or office to contact.' })
export class ContactPoint {
  @Field()
  name!: string;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;
}

@ObjectType({ description: 'Who collects the data: the controller and its Data Protection Officer.' })
export class Controller {
  @Field()
  name!: string;

  @Field()
  address!: string;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => ContactPoint)
  dpo!: ContactPoint;
}
