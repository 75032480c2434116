import { readEnvelope } from '../../../src/connectors/marketo/envelope';
import { wireText } from '../../../src/connectors/wire-text';

describe('wireText: a vendor scalar as text', () => {
  test('when the vendor sends a number or a string, then it reads as that text', () => {
    expect(wireText(1004)).toBe('1004');
    expect(wireText('606')).toBe('606');
    expect(wireText(true)).toBe('true');
  });

  test('when a scalar field holds an object, an array or nothing, then it reads as the fallback, never "[object Object]"', () => {
    expect(wireText({ code: 1 })).toBe('');
    expect(wireText(['a'], 'UNKNOWN')).toBe('UNKNOWN');
    expect(wireText(undefined, 'UNKNOWN')).toBe('UNKNOWN');
    expect(wireText(null)).toBe('');
  });

  test('when a Marketo envelope carries a malformed error code, then the code reads empty and the message is kept', () => {
    const envelope = readEnvelope({ requestId: 7, success: false, errors: [{ code: { nested: true }, message: 'Access token expired' }] });
    expect(envelope?.requestId).toBe('7');
    expect(envelope?.errors).toEqual([{ code: '', message: 'Access token expired' }]);
  });
});
