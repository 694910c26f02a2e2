import { functionEnvironment } from '../../shared/config/function-environment.ts';

// Handler modules read their configuration at import, as at a Lambda cold start.
Object.assign(process.env, {
  ...functionEnvironment(
    {},
    {
      tableName: 'UnitTestTable',
      publicBaseUrl: 'https://feedback.example.com',
    },
  ),
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'unit',
  AWS_SECRET_ACCESS_KEY: 'unit',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});
