import type { ProcessingActivity, Register } from './register.types';
import type { Channel, Purpose } from './vocabulary';

/** The chart row for a channel (every channel has one; the parser rejects duplicates). */
export function activityForChannel(register: Register, channel: Channel): ProcessingActivity | undefined {
  return register.processingActivities.find((activity) => activity.channel === channel);
}

/** Whether the register lets data from `channel` be processed for `purpose`. */
export function channelServesPurpose(register: Register, channel: Channel, purpose: Purpose): boolean {
  return activityForChannel(register, channel)?.purposes.includes(purpose) ?? false;
}

/** Whether the register marks `purpose` as direct marketing (an unknown purpose is not). */
export function isDirectMarketing(register: Register, purpose: Purpose): boolean {
  return register.purposes.find((entry) => entry.key === purpose)?.directMarketing ?? false;
}
