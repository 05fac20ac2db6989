CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`actor_name` text NOT NULL,
	`method` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`organization_id` text,
	`ip` text,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`action`);--> statement-breakpoint
CREATE INDEX `audit_log_actor` ON `audit_log` (`actor_id`);--> statement-breakpoint
CREATE TABLE `provisioned_resources` (
	`kind` text NOT NULL,
	`provisioning_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`resource_key` text NOT NULL,
	`applied_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `provisioning_id`)
);
--> statement-breakpoint
CREATE TABLE `repository_check_schedules` (
	`repository_id` text PRIMARY KEY NOT NULL,
	`cron_expression` text NOT NULL,
	`timezone` text,
	`read_data_subset` text DEFAULT 'off' NOT NULL,
	`rotate_days` integer DEFAULT 30 NOT NULL,
	`next_subset` integer DEFAULT 1 NOT NULL,
	`next_check_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `repository_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`repository_id` text NOT NULL,
	`task_id` text,
	`trigger` text NOT NULL,
	`read_data_subset` text,
	`packs_read` integer,
	`success` integer NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`output` text,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `repository_checks_repository` ON `repository_checks` (`repository_id`,`finished_at`);