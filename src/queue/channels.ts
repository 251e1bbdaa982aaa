/**
 * Redis pub/sub channel names, beside the queue names: the deliver stage publishes each
 * incident change on one channel and every API node's live hub subscribes to it, so both import
 * the name from here and neither imports the other.
 */
export const eventsChannel = (prefix: string): string => `${prefix}:incident-events`;
