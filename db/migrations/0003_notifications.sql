CREATE TABLE `backup_schedule_notifications` (
	`schedule_id` integer NOT NULL,
	`destination_id` integer NOT NULL,
	`notify_on_start` integer DEFAULT false NOT NULL,
	`notify_on_success` integer DEFAULT false NOT NULL,
	`notify_on_warning` integer DEFAULT true NOT NULL,
	`notify_on_failure` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`schedule_id`, `destination_id`),
	FOREIGN KEY (`schedule_id`) REFERENCES `backup_schedules`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`destination_id`) REFERENCES `notification_destinations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `backup_schedule_notifications_destination` ON `backup_schedule_notifications` (`destination_id`);--> statement-breakpoint
CREATE TABLE `backup_schedule_overdue` (
	`schedule_id` integer PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`grace_minutes` integer,
	`alerted_at` integer,
	`alert_due_at` integer,
	FOREIGN KEY (`schedule_id`) REFERENCES `backup_schedules`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notification_destinations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`type` text NOT NULL,
	`config` text NOT NULL,
	`status` text DEFAULT 'unknown' NOT NULL,
	`last_checked` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notification_destinations_org` ON `notification_destinations` (`organization_id`);