import { applyDecorators } from '@nestjs/common';
import { days, hours, minutes } from 'apiward';
import { AntiEnumeration, ExposeFields, LeastPrivilege, Owns, Public, UniformLookupResponse, type AntiEnumerationRoute } from 'apiward/nest';
import { SCOPES } from '../identity/lab-identity';
import { ownRecordOrSupport } from './own-record-or-support';
import type { LabConfig } from '../config/lab-config';
import { undeclared, type LabDeclarations } from './lab-declarations';

/**
 * Every apiward declaration the protected build makes. Routes not named `Public` here require a valid
 * token (RS256, the lab's issuer and audience) because apiward denies by default.
 */
export function protectedDeclarations(config: LabConfig): LabDeclarations {
  const s = config.settings;
  // LAB_ANTI_ENUM=off drops the budgets (and only them), so a timing measurement can send many requests.
  const budgets = (route: AntiEnumerationRoute): MethodDecorator => (config.antiEnumeration ? AntiEnumeration(route) : undeclared);
  return {
    health: Public({ reason: 'liveness probe for the load balancer; returns no data' }),

    // Optus: a token, the right scope, only your own record (or any, for support), and identity
    // documents only with customers:pii, whatever the handler returns.
    readCustomer: applyDecorators(
      LeastPrivilege({ anyOf: [SCOPES.customerRead, SCOPES.supportReadAny] }),
      Owns(ownRecordOrSupport, { ids: [{ param: 'id', in: 'params' }] }),
      ExposeFields({ base: ['id', 'name', 'email', 'phone', 'address'], byScope: { [SCOPES.customerPii]: ['passportNumber', 'dateOfBirth'] } }),
      budgets({
        identifier: 'param:id',
        kind: 'numeric-id',
        distinct: [{ limit: s.customerDistinct, windowMs: s.customerWindowMs }],
        misses: [{ limit: s.customerMisses, windowMs: s.customerWindowMs }],
        consecutive: { limit: s.customerConsecutive, windowMs: s.customerWindowMs },
      }),
    ),

    // T-Mobile: the forgotten v1 route gets nothing, on purpose. Deny-by-default closes it and the
    // inventory lists it as undeclared: what a forgotten route looks like once apiward is in the app.
    readCustomerLegacy: undeclared,

    // Twitter 2021: contact discovery stays public, but it answers one thing, at one time, for everyone.
    lookupAccount: applyDecorators(
      Public({ reason: 'contact discovery before sign-up: answers uniformly, budgeted per client' }),
      UniformLookupResponse({
        status: 200,
        body: { message: 'If this contact belongs to an account, its owner can now find you.' },
        headers: { 'Cache-Control': 'no-store' },
        deadlineMs: s.lookupDeadlineMs,
        passThrough: [400],
      }),
      budgets({
        identifier: [
          { from: 'query:email', kind: 'email' },
          { from: 'query:phone', kind: 'phone' },
        ],
        requests: [{ limit: s.lookupRequests, windowMs: s.lookupWindowMs }],
        distinct: [{ limit: s.lookupDistinct, windowMs: s.lookupWindowMs }],
      }),
    ),

    // Duolingo: a token, and public fields only.
    searchProfiles: applyDecorators(
      LeastPrivilege({ anyOf: [SCOPES.customerRead, SCOPES.supportReadAny] }),
      ExposeFields({ base: ['id', 'name'] }),
      budgets({
        identifier: 'query:email',
        kind: 'email',
        distinct: [
          { limit: s.profileDistinctPerHour, windowMs: hours(1) },
          { limit: s.profileDistinctPerDay, windowMs: days(1) },
        ],
      }),
    ),

    // Honda: the request is public and uniform; the confirm's proof is the mailed token.
    requestPasswordReset: applyDecorators(
      Public({ reason: 'a user who lost their password has no token: answers uniformly, budgeted per target' }),
      UniformLookupResponse({
        status: 202,
        body: { message: 'If an account exists for this address, we sent it a reset link.' },
        headers: { 'Cache-Control': 'no-store' },
        deadlineMs: s.resetDeadlineMs,
        passThrough: [400],
      }),
      budgets({
        identifier: 'body:email',
        kind: 'email',
        perTarget: [{ limit: s.resetPerTarget, windowMs: s.resetWindowMs }],
        distinct: [{ limit: s.resetDistinct, windowMs: s.resetWindowMs }],
      }),
    ),
    confirmPasswordReset: applyDecorators(
      Public({ reason: 'the proof is the single-use, short-lived, purpose-bound reset token in the body' }),
      budgets({ misses: [{ limit: s.resetConfirmMisses, windowMs: s.resetWindowMs }] }),
    ),

    // Twitter 2020: a second factor within the last 10 minutes.
    changeAccountEmail: LeastPrivilege(SCOPES.adminAccounts, { mfa: true, maxAuthAgeMs: minutes(10) }),

    // An attacker's failures from one address stop that address long before the per-target budget
    // (everyone's attempts on one account) could lock the owner out.
    login: applyDecorators(
      Public({ reason: 'issues tokens: wrong password and unknown account answer alike, brute force is budgeted' }),
      budgets({
        identifier: 'body:email',
        kind: 'email',
        misses: [{ limit: s.loginMissesPerClient, windowMs: s.loginWindowMs }],
        perTarget: [{ limit: s.loginPerTarget, windowMs: s.loginWindowMs }],
      }),
    ),

    labInstrumentation: Public({ reason: 'breach-lab replay instrumentation (mailbox, inventory, events); not part of the API' }),
  };
}
