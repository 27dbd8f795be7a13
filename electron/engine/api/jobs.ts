// API handlers for jobs: list, follow, cancel — and starting a simulation, which is a job.
import { runSimulation } from '../demo/simulation-job';
import type { HandlersOf } from './handler';

export const jobHandlers: HandlersOf<'jobs.list' | 'jobs.get' | 'jobs.cancel' | 'simulate.start'> = {
  'simulate.start': (desk, req) => runSimulation(desk, req),
  'jobs.list': (desk) => desk.jobs.list(),
  'jobs.get': (desk, req) => desk.jobs.get(req.jobId),
  'jobs.cancel': (desk, req) => desk.jobs.cancel(req.jobId),
};
