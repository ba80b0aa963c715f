<# .SYNOPSIS Starts the EasyTask services that are installed. #>
$ErrorActionPreference = 'Stop'
foreach ($name in 'EasyTaskScheduler', 'EasyTaskAgent') {
    if (Get-Service -Name $name -ErrorAction SilentlyContinue) { Start-Service -Name $name; Write-Host "Started $name" }
}
