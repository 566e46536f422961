/** Model-based delivery schedules: what suites import from harness/model. */
export { checkDeliverySchedules, type DeliveryScheduleCheck } from './check-delivery-schedules.js';
export { deliverySchedules, type DeliverySchedule } from './delivery-schedules.js';
export { runDeliverySchedules, type ScheduleFailure, type ScheduleRunOptions } from './run-delivery-schedules.js';
export { MAX_COMMANDS } from './limits.js';
