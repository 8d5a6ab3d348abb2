import { Reflector } from '@nestjs/core';
import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiwardResponseInterceptor } from './apiward-response-interceptor';
import { toExposureDeclaration, type ExposeFieldsOptions, type ExposureDeclaration } from '../core/privilege/exposure';

/**
 * `@ExposeFields({ base: ['id', 'name'], byScope: { 'customers:pii': ['passportNumber'] } })`: whatever
 * the handler returns is reduced to these fields (for the caller's scopes) before it is serialised. An
 * allow-list: a column added tomorrow does not leak. A handler's declaration replaces its controller's.
 */
const ExposeFieldsMetadata = Reflector.createDecorator<ExposeFieldsOptions, ExposureDeclaration>({
  transform: (options) => toExposureDeclaration(options, 'ExposeFields'),
});

/** It also attaches apiward's response interceptor to this route only: undeclared routes pay nothing. */
export const ExposeFields: ((options: ExposeFieldsOptions) => ClassDecorator & MethodDecorator) & { readonly KEY: string } = Object.assign(
  (options: ExposeFieldsOptions) => applyDecorators(ExposeFieldsMetadata(options), UseInterceptors(ApiwardResponseInterceptor)),
  { KEY: ExposeFieldsMetadata.KEY },
);
