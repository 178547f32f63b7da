/* pages.js — the page registry: each hash route, the module that draws it,
 * and the navigation link it lights. The router takes the first page whose
 * path matches; the named groups of the pattern become ctx.params. Only a
 * public page is shown to a visitor who has not signed in.  #/ is the
 * start: an official's own unit, or the overview (see pageHome). */
import {pageDashboard, pageHome} from './dashboard.js';
import {pageDiscipline, pageDisciplineCase} from './discipline.js';
import {pageInspection, pageInspections, pageUnitFindings, pageVerify} from './inspections.js';
import {pageLogin} from './login.js';
import {pagePlan, pagePlans} from './plans.js';
import {pageDocuments, pageDraft} from './review.js';
import {pageTask} from './task.js';
import {pageTasks} from './tasksearch.js';
import {pageUnit} from './unit.js';
import {pageUnitReport, pageUnitReports} from './unitreport.js';

export const PAGES = [
	{name: 'login', path: /^\/login$/, render: pageLogin, public: true},
	{name: 'home', path: /^\/$/, nav: 'dashboard', render: pageHome},
	{name: 'dashboard', path: /^\/overview$/, nav: 'dashboard', render: pageDashboard},
	{name: 'unit', path: /^\/unit\/(?<id>\d+)$/, nav: 'dashboard', render: pageUnit},
	{name: 'task', path: /^\/task\/(?<id>\d+)$/, nav: 'tasks', render: pageTask},
	{name: 'tasks', path: /^\/tasks$/, nav: 'tasks', render: pageTasks},
	{name: 'plans', path: /^\/plans$/, nav: 'plans', render: pagePlans},
	{name: 'plan', path: /^\/plan\/(?<id>\d+)$/, nav: 'plans', render: pagePlan},
	{name: 'documents', path: /^\/documents$/, nav: 'documents', render: pageDocuments},
	{name: 'draft', path: /^\/draft\/(?<id>\d+)$/, nav: 'documents', render: pageDraft},
	{name: 'unit-reports', path: /^\/unit-reports$/, nav: 'unitreports', render: pageUnitReports},
	{name: 'unit-report', path: /^\/unit-report\/(?<unit>[^/]+)\/(?<period>[^/]+)$/, nav: 'unitreports',
		render: pageUnitReport},
	{name: 'inspections', path: /^\/inspections$/, nav: 'inspections', render: pageInspections},
	{name: 'inspection', path: /^\/inspection\/(?<id>\d+)$/, nav: 'inspections', render: pageInspection},
	{name: 'verify', path: /^\/verify$/, nav: 'inspections', render: pageVerify},
	{name: 'unit-findings', path: /^\/unit\/(?<id>\d+)\/findings$/, nav: 'inspections', render: pageUnitFindings},
	{name: 'discipline', path: /^\/discipline$/, nav: 'discipline', render: pageDiscipline},
	{name: 'discipline-case', path: /^\/discipline\/(?<id>\d+)$/, nav: 'discipline', render: pageDisciplineCase},
];
