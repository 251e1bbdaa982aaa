/** The fetching layer every polled source and the webhook deliverer use. */
export { classifyAddress, createAddressPolicy } from './address-policy.js';
export type { AddressClass, AddressPolicy, AddressPolicyConfig, AddressVerdict } from './address-policy.js';
export { FetchError } from './errors.js';
export type { FetchErrorCode } from './errors.js';
export { DEFAULT_FETCH_LIMITS, fetchDocument } from './fetcher.js';
export type { FetchDeps, FetchedDocument, FetchLimits, FetchRequest, FetchResult, NotModified } from './fetcher.js';
export { createHostLimiter } from './host-limiter.js';
export type { HostLimiter, HostLimiterOptions } from './host-limiter.js';
export { nextPollDelay, PARSE_FAILURES_BEFORE_PAUSE, shouldPause } from './next-poll.js';
export type { NextPollOptions, PollFacts } from './next-poll.js';
export { systemResolver } from './resolver.js';
export type { Resolver } from './resolver.js';
export { defaultUserAgent, userAgent } from './user-agent.js';
