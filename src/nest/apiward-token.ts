/** Injection token of the app's one `Apiward` engine: `constructor(@Inject(APIWARD) ward: Apiward)`. */
export const APIWARD = 'apiward:engine';
