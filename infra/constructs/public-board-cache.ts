import { Duration, Validations } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/definitions/route-definitions.ts';

export interface PublicBoardCacheProps {
  api: RestApi;
  /** The cacheable public routes (`cache` set in the route definitions). */
  routes: readonly RouteDefinition[];
}

/**
 * The public board behind its own CloudFront distribution (contract §8, issue 13): a crowd
 * reading `GET /v1/public/board` is answered from the edge, keyed by exactly what changes the
 * answer (`Accept`, `Accept-Language`, `?lang=`), for as long as the function's `Cache-Control`
 * says (five minutes). CloudFront is paid per request with no standing charge, unlike an API
 * Gateway stage cache. Its own distribution, not the console's: the API already names the
 * console's origin (CORS), so the console's distribution cannot name the API back.
 * Every other path answers 404 at the edge: only the cached routes are served here.
 */
export class PublicBoardCache extends Construct {
  readonly distribution: Distribution;
  readonly policy: CachePolicy;
  /** `https://<domain>`: append a cached route's path. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: PublicBoardCacheProps) {
    super(scope, id);
    const cached = props.routes.filter((route) => route.cache && route.method === 'GET');
    const headers = [...new Set(cached.flatMap((route) => route.cache?.headers ?? []))];
    const query = [...new Set(cached.flatMap((route) => route.cache?.query ?? []))];
    this.policy = new CachePolicy(this, 'Policy', {
      comment: 'Public board: keyed by Accept, Accept-Language and ?lang, TTL from Cache-Control',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.hours(1),
      headerBehavior: headers.length ? CacheHeaderBehavior.allowList(...headers) : CacheHeaderBehavior.none(),
      queryStringBehavior: query.length
        ? CacheQueryStringBehavior.allowList(...query)
        : CacheQueryStringBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const origin = new RestApiOrigin(props.api);
    const notFound = new EdgeFunction(this, 'OnlyCachedRoutes', {
      comment: 'Answers 404 for anything but the cached public routes',
      code: FunctionCode.fromInline(
        'function handler() { return { statusCode: 404, statusDescription: "Not Found" }; }',
      ),
    });
    const behavior = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy: this.policy,
      // The API's regional endpoint answers its own host name only.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Service Feedback public board',
      defaultBehavior: {
        ...behavior,
        functionAssociations: [{ function: notFound, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
    });
    for (const route of cached) this.distribution.addBehavior(route.path, origin, behavior);
    for (const [ruleId, reason] of [
      ['AwsSolutions-CFR1', 'The board is public by design, for every country.'],
      [
        'AwsSolutions-CFR2',
        'Public, cached, read-only; the API behind it keeps its throttling and optional WAF.',
      ],
      [
        'AwsSolutions-CFR3',
        'Public cached page: access logs would add cost without audit value (API access logs remain).',
      ],
      [
        'AwsSolutions-CFR4',
        'The default *.cloudfront.net certificate; a custom domain with TLS 1.2 policy is a deployer choice.',
      ],
    ] as const)
      Validations.of(this.distribution).acknowledge({ id: ruleId, reason });
    this.origin = `https://${this.distribution.distributionDomainName}`;
  }
}
