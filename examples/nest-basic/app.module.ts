import { Module } from '@nestjs/common';
import { ApiwardModule } from 'apiward/nest';
import { AppController } from './app.controller';
import { apiwardOptions } from './example-auth';

@Module({
  // One line installs the global guard: every route now needs a valid token unless it is @Public.
  imports: [ApiwardModule.forRoot(apiwardOptions)],
  controllers: [AppController],
})
export class AppModule {}
