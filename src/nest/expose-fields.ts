import { Reflector } from '@nestjs/core';
import type { CustomDecorator } from '@nestjs/common';
import { toExposureDeclaration, type ExposeFieldsOptions, type ExposureDeclaration } from '../core/privilege/exposure';

/**
 * `@ExposeFields({ base: ['id', 'name'], byScope: { 'customers:pii': ['passportNumber'] } })`: whatever
 * the handler returns is reduced to these fields (for the caller's scopes) before it is serialised. An
 * allow-list: a column added tomorrow does not leak. A handler's declaration replaces its controller's.
 */
export const ExposeFields: ((options: ExposeFieldsOptions) => CustomDecorator) & { readonly KEY: string } = Reflector.createDecorator<
  ExposeFieldsOptions,
  ExposureDeclaration
>({ transform: (options) => toExposureDeclaration(options, 'ExposeFields') });
