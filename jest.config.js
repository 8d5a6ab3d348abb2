/**
 * Jest runs TypeScript through ts-jest in transpile-only mode: `npm run typecheck` is the type gate.
 * `apiward`, `apiward/nest`, … map to the sources, so examples and the breach lab import the package by
 * its public name, exactly as users do.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^apiward$': '<rootDir>/src/index.ts',
    '^apiward/(nest|express|testing)$': '<rootDir>/src/$1/index.ts',
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};
