from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "gongkai.jobs"
    verbose_name = "后台任务"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from gongkai.common.todo import TODO_PROVIDERS
        from gongkai.jobs.todo import failed_jobs

        # Each app's jobs.py registers its job functions (gongkai.jobs.registry.job).
        autodiscover_modules("jobs")
        if failed_jobs not in TODO_PROVIDERS:
            TODO_PROVIDERS.append(failed_jobs)
