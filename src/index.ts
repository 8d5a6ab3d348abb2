export { Apiward, resolveApiwardOptions } from './core/apiward';
export type { ApiwardOptions, ApiwardRuntime, GuardResult, RequestRewrite, ResolvedApiwardOptions } from './core/apiward';
export { ApiwardError, isApiwardError, genericBody } from './core/errors/apiward-error';
export type { ApiwardErrorCode, ResponseHeaders } from './core/errors/apiward-error';
export type { RequestLike, RouteRef } from './core/request-like';
export type { RouteDeclaration, PublicDeclaration } from './core/route-declaration';
export { isDeclared } from './core/route-declaration';
export type { Principal, CredentialKind } from './core/auth/principal';
export type { RequireAuthRequirement } from './core/auth/require-auth-requirement';
export type { AuthOptions } from './core/auth/auth-options';
export type { StepUpOptions, ResolvedAuthOptions } from './core/auth/auth-options';
export { resolveAuthOptions, DEFAULT_SECOND_FACTORS } from './core/auth/auth-options';
export type { JwtOptions, JwksOptions, JwtAlgorithm } from './core/auth/jwt-options';
export type { ApiKeyOptions, StoredApiKey } from './core/auth/api-key-options';
export { createApiKey, hashApiKey } from './core/auth/api-key';
export type { CreatedApiKey } from './core/auth/api-key';
export { checkStepUp, stepUpError } from './core/auth/step-up';
export type { StepUpRequirement, StepUpShortfall, StepUpContext } from './core/auth/step-up';
export { EventSink } from './core/events/event-sink';
export type { EventLogLine } from './core/events/event-sink';
export type { SecurityEvent, SecurityEventType, SecurityEventListener, AuthFailedEvent, AuthFailureReason } from './core/events/security-event';
export { seconds, minutes, hours, days } from './core/util/duration';
// LeastPrivilege (scopes, authorization deny-by-default, ownership, field exposure) and the route inventory.
export { toScopeRequirement, mergeScopeRequirements, requiredScopes } from './core/privilege/scope-requirement';
export type { LeastPrivilegeArg, LeastPrivilegeObject, ScopeRequirement } from './core/privilege/scope-requirement';
export { grantedScopes, satisfiesScopes } from './core/privilege/check-scopes';
export { toAnyAuthenticated } from './core/privilege/any-authenticated';
export type { AnyAuthenticatedDeclaration } from './core/privilege/any-authenticated';
export { toOwnershipDeclaration, isOwnershipPolicy, isOwnershipPolicyClass } from './core/privilege/ownership-policy';
export type {
  OwnershipContext,
  OwnershipPolicy,
  OwnershipPolicyFn,
  OwnershipPolicyClass,
  OwnershipPolicySource,
  OwnershipOptions,
  OwnershipDeclaration,
  OwnershipDenialAnswer,
} from './core/privilege/ownership-policy';
export { evaluateOwnership } from './core/privilege/evaluate-ownership';
export type { OwnershipOutcome } from './core/privilege/evaluate-ownership';
export { resolveOwnershipPolicy } from './core/privilege/resolve-ownership-policy';
export type { PolicyClassResolver } from './core/privilege/resolve-ownership-policy';
export { checkIdParams, resolveIdParams } from './core/privilege/id-params';
export type { IdParamSpec, IdParam, IdKind, IdSource, CanonicalIds, IdRejection, IdRejectionReason } from './core/privilege/id-params';
export { notFoundError, resolveNotFoundAnswer, DEFAULT_NOT_FOUND } from './core/privilege/not-found-answer';
export type { NotFoundAnswer, ResolvedNotFoundAnswer } from './core/privilege/not-found-answer';
export { toExposureDeclaration, applyExposure, allowedFields } from './core/privilege/exposure';
export type { ExposeFieldsOptions, ExposureDeclaration } from './core/privilege/exposure';
export { exposeFields, MAX_EXPOSURE_DEPTH } from './core/privilege/expose-fields';
export { resolveLeastPrivilegeOptions } from './core/privilege/least-privilege-options';
export type { LeastPrivilegeOptions, ResolvedLeastPrivilegeOptions } from './core/privilege/least-privilege-options';
export { mergePrivilegeDeclarations, requiresPrincipal } from './core/privilege/privilege-declaration';
export type { PrivilegeDeclaration } from './core/privilege/privilege-declaration';
export { PrivilegeGuard } from './core/privilege/privilege-guard';
export type { PrivilegeGuardDeps, GuardedRoute } from './core/privilege/privilege-guard';
export { insufficientScopeError, forbiddenError, invalidRequestError } from './core/privilege/privilege-errors';
export type { PrivilegeEvent, AccessDeniedEvent, AccessDeniedReason, OwnershipDeniedEvent, StepUpRequiredEvent, ParamRejectedEvent } from './core/privilege/privilege-events';
export { buildInventory, buildInventoryRoute } from './core/inventory/inventory-route';
export type { InventoryRoute, InventoryProtections, InventoryOwnership, InventoryOptions, RouteAccess, RouteEntry } from './core/inventory/inventory-route';
export { toInventoryJson } from './core/inventory/inventory-json';
export type { InventoryRouteJson } from './core/inventory/inventory-json';
export { summarizeInventory } from './core/inventory/inventory-summary';
export type { InventorySummary } from './core/inventory/inventory-summary';
export { assertEveryRouteDeclared, UndeclaredRoutesError } from './core/inventory/assert-every-route-declared';
export { composeRoutePath } from './core/inventory/route-path';
export { jsonSummary } from './core/inventory/json-summary';
export type { JsonValue } from './core/inventory/json-summary';
// UniformLookupResponse (one answer, one release time, deferred work) and the login helper.
export { resolveUniformLookupResponseOptions } from './core/uniform/uniform-lookup-response-options';
export type { UniformLookupResponseOptions, ResolvedUniformLookupResponseOptions } from './core/uniform/uniform-lookup-response-options';
export type { UniformBody } from './core/uniform/uniform-body';
export type { PassThroughRule, ErrorClass } from './core/uniform/pass-through';
export type { UniformAnswer } from './core/uniform/uniform-answer';
export { UniformResponder } from './core/uniform/uniform-responder';
export type { UniformResponderRuntime } from './core/uniform/uniform-responder';
export { UniformExchange } from './core/uniform/uniform-exchange';
export type { UniformResult } from './core/uniform/uniform-exchange';
export { systemClock } from './core/uniform/uniform-clock';
export type { UniformClock } from './core/uniform/uniform-clock';
export { afterResponse } from './core/uniform/deferred-work';
export type { Defer, DeferrableWork, AfterResponse } from './core/uniform/deferred-work';
export { snapshotHeaders, writeUniformAnswer } from './core/uniform/node-response-writer';
export type { HeaderSnapshot, HeaderSource } from './core/uniform/node-response-writer';
export type { UniformEvent, UniformDeadlineMissedEvent, UniformDeferredFailedEvent } from './core/uniform/uniform-events';
export type { PasswordHasher } from './core/uniform/password-hasher';
export { ScryptPasswordHasher } from './core/uniform/scrypt-password-hasher';
export type { ScryptHasherOptions } from './core/uniform/scrypt-password-hasher';
export { createLoginVerifier } from './core/uniform/login-verifier';
export type { LoginVerifier, LoginVerifierOptions } from './core/uniform/login-verifier';
// AntiEnumeration (per-client budgets: requests, distinct identifiers, misses, walks, per target) and identifiers.
export { AntiEnumerationEngine } from './core/enumeration/anti-enumeration-engine';
export type { AntiEnumerationRuntime, EnumerationCheck } from './core/enumeration/anti-enumeration-engine';
export { resolveAntiEnumerationOptions, DEFAULT_UNKNOWN_ROUTES } from './core/enumeration/anti-enumeration-options';
export type { AntiEnumerationOptions, ResolvedAntiEnumerationOptions, UnknownRoutesOptions } from './core/enumeration/anti-enumeration-options';
export { resolveAntiEnumerationRoute, applyRouteDefaults } from './core/enumeration/anti-enumeration-route';
export type { AntiEnumerationRoute, AntiEnumerationBudgets, AntiEnumerationDeclaration, ResolvedAntiEnumerationRoute, OnStoreError } from './core/enumeration/anti-enumeration-route';
export { DEFAULT_BUDGETS } from './core/enumeration/budgets';
export type { BudgetWindow, BudgetWindows, ConsecutiveBudget, DelayOptions } from './core/enumeration/budgets';
export type { BlockOptions } from './core/enumeration/block-schedule';
export type { IdentifierSource, IdentifierSpec, IdentifierLocation } from './core/enumeration/identifier-source';
export type { EnumerationOutcome } from './core/enumeration/record-outcome';
export type { TrustProxy } from './core/enumeration/trust-proxy';
export { clientKey } from './core/enumeration/client-key';
export { checkProxySetting } from './core/enumeration/proxy-check';
export type { ProxyCheckContext } from './core/enumeration/proxy-check';
export type { BudgetStore, ConsumePlan, ConsumeResult, MissPlan, BlockPlan, BlockResult, WindowCount } from './core/enumeration/budget-store';
export { MemoryBudgetStore } from './core/enumeration/memory/memory-budget-store';
export type { MemoryBudgetStoreOptions } from './core/enumeration/memory/memory-budget-store';
export { RedisBudgetStore } from './core/enumeration/redis/redis-budget-store';
export type { RedisClientLike } from './core/enumeration/redis/redis-client';
export type { StoreOption, MemoryStoreOptions, RedisStoreOptions } from './core/enumeration/store-options';
export type {
  EnumerationEvent,
  EnumerationThrottledEvent,
  EnumerationBlockedEvent,
  EnumerationInvalidIdentifierEvent,
  StoreFailedEvent,
  EnumerationBudget,
  BudgetCount,
} from './core/enumeration/enumeration-events';
export { canonicalizeIdentifier, resolveIdentifierRules } from './core/identifiers/canonicalize-identifier';
export type { IdentifierKind, IdentifierRulesOptions } from './core/identifiers/canonicalize-identifier';
export { canonicalizeEmail } from './core/identifiers/email';
export type { EmailOptions, EmailProviderRule } from './core/identifiers/email';
export { canonicalizePhone } from './core/identifiers/phone';
export type { PhoneOptions } from './core/identifiers/phone';
export { canonicalizeUsername } from './core/identifiers/username';
export type { UsernameOptions } from './core/identifiers/username';
export { canonicalizeOpaque } from './core/identifiers/opaque';
export { parseCanonicalNumericId, isCanonicalNumericId } from './core/identifiers/numeric-id';
export type { VerifiedTokenCacheOptions } from './core/auth/verified-token-cache-options';
