import { Length } from 'class-validator';
import { IsCleanText } from './is-clean-text';
import { MAX_ID_LENGTH } from './request-text';

/** A request or task id: 1 to 64 characters of clean text; whether it exists is the engine's answer. */
export function IsRequestId(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    Length(1, MAX_ID_LENGTH)(target, propertyName);
    IsCleanText()(target, propertyName);
  };
}
