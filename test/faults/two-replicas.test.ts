import { useRedis } from '../helpers/redis.js';
import { sharedStateFlows } from '../helpers/shared-state-flows.js';

/**
 * Two complete app instances on one Redis, as behind a load balancer. The same suite runs on a
 * real Redis Cluster and a real Sentinel set in test/scale/.
 */
const redis = useRedis();
sharedStateFlows('one Redis server', () => redis.url);
