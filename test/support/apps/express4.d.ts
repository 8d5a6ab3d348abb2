// Express 4 is installed under the alias `express4`; its API is close enough to Express 5's types for
// the test apps (both are driven through the same route-registering methods).
declare module 'express4' {
  import express from 'express';
  export default express;
}
